import Link from "next/link";

const LINKS = [
  { href: "/", label: "Ask" },
  { href: "/documents", label: "Library" },
  { href: "/dashboard", label: "Spend" },
  { href: "/settings", label: "Settings" },
];

export function NavBar() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3" aria-label="Main">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Tokenwise
        </Link>
        {LINKS.map((link) => (
          <Link key={link.href} href={link.href} className="text-sm text-slate-600 hover:text-slate-900" data-testid={`nav-${link.label.toLowerCase()}`}>
            {link.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
