/** @type {import('next').NextConfig} */
const nextConfig = {
  // pdf.js must load from node_modules at run time: bundling it breaks its worker setup.
  serverExternalPackages: ["pdfjs-dist", "better-sqlite3", "@napi-rs/canvas", "js-tiktoken"],
  poweredByHeader: false,
  agentRules: false,
  experimental: { agentUpgrade: false },
  typedRoutes: false,
  // Tests build into their own folder so several builds can live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

module.exports = nextConfig;
