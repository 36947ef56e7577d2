/**
 * Renders answer text as simple Markdown into React elements: headings, lists, quotes, code, bold, italic,
 * http(s) links and page citations. Nothing is ever inserted as HTML, and images are shown as text so no
 * remote content loads from an answer, whatever the model or a document says.
 */
import type { ReactNode } from "react";

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "quote"; text: string }
  | { kind: "code"; text: string }
  | { kind: "paragraph"; text: string };

function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (/^\s*```/.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^\s*```/.test(lines[i])) body.push(lines[i++]);
      i++;
      blocks.push({ kind: "code", text: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1].length, text: heading[2] });
      i++;
      continue;
    }
    if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d+[.)]\s+/.test(line);
      const items: string[] = [];
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) {
        items.push(lines[i].replace(/^\s*([-*+]|\d+[.)])\s+/, ""));
        i++;
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) body.push(lines[i++].replace(/^\s*>\s?/, ""));
      blocks.push({ kind: "quote", text: body.join(" ") });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && lines[i].trim() !== "" && !/^\s*(```|#{1,6}\s|>|[-*+]\s|\d+[.)]\s)/.test(lines[i])) body.push(lines[i++]);
    if (body.length === 0) body.push(lines[i++]);
    blocks.push({ kind: "paragraph", text: body.join("\n") });
  }
  return blocks;
}

const INLINE = /(`[^`]+`)|(!\[[^\]]*\]\([^)]*\))|(\[[^\]]+\]\([^)\s]+\))|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[pp?\.\s*[\d\s,\-–]+\])/g;

function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Inline Markdown to React nodes (exported for tests and other renderers). */
export function renderInline(text: string, keyPrefix = "i"): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const token = match[0];
    const key = `${keyPrefix}-${n++}`;
    if (match[1]) {
      out.push(<code key={key} className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">{token.slice(1, -1)}</code>);
    } else if (match[2]) {
      const alt = /^!\[([^\]]*)\]/.exec(token)?.[1] ?? "";
      out.push(
        <span key={key} className="rounded bg-amber-50 px-1 text-xs text-amber-800" data-testid="blocked-image" title="Images in answers are not loaded">
          [image not loaded{alt ? `: ${alt}` : ""}]
        </span>,
      );
    } else if (match[3]) {
      const parts = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      const href = parts ? safeHref(parts[2]) : null;
      out.push(
        href ? (
          <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-700 underline">
            {parts?.[1]}
          </a>
        ) : (
          <span key={key}>{parts?.[1] ?? token}</span>
        ),
      );
    } else if (match[4]) {
      out.push(<strong key={key}>{renderInline(token.slice(2, -2), key)}</strong>);
    } else if (match[5]) {
      out.push(<em key={key}>{token.slice(1, -1)}</em>);
    } else if (match[6]) {
      out.push(
        <span key={key} className="mx-0.5 rounded bg-sky-50 px-1 text-xs font-medium text-sky-800" data-testid="inline-citation">
          {token}
        </span>,
      );
    }
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function withBreaks(text: string, key: string): ReactNode[] {
  return text.split("\n").flatMap((line, i) => (i === 0 ? renderInline(line, `${key}-${i}`) : [<br key={`${key}-br-${i}`} />, ...renderInline(line, `${key}-${i}`)]));
}

export function Markdown({ text, testId }: { text: string; testId?: string }) {
  const blocks = parseBlocks(text);
  return (
    <div className="space-y-3 leading-relaxed text-slate-800" data-testid={testId}>
      {blocks.map((block, b) => {
        const key = `b${b}`;
        switch (block.kind) {
          case "heading":
            return (
              <p key={key} className="font-semibold text-slate-900">
                {renderInline(block.text, key)}
              </p>
            );
          case "list": {
            const items = block.items.map((item, i) => <li key={`${key}-${i}`}>{renderInline(item, `${key}-${i}`)}</li>);
            return block.ordered ? (
              <ol key={key} className="list-decimal space-y-1 pl-6">
                {items}
              </ol>
            ) : (
              <ul key={key} className="list-disc space-y-1 pl-6">
                {items}
              </ul>
            );
          }
          case "quote":
            return (
              <blockquote key={key} className="border-l-4 border-slate-200 pl-3 text-slate-600">
                {renderInline(block.text, key)}
              </blockquote>
            );
          case "code":
            return (
              <pre key={key} className="overflow-x-auto rounded bg-slate-900 p-3 text-sm text-slate-100">
                <code>{block.text}</code>
              </pre>
            );
          default:
            return <p key={key}>{withBreaks(block.text, key)}</p>;
        }
      })}
    </div>
  );
}
