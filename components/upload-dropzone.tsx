"use client";

import { useCallback, useRef, useState } from "react";
import { useRouter } from "next/navigation";

/** Uploads sent at once; the server ingests two at a time as well. */
const MAX_PARALLEL_UPLOADS = 2;

type UploadStatus = "queued" | "uploading" | "processing" | "done" | "duplicate" | "error";

interface UploadResult {
  id: string;
  name: string;
  pages: number;
  tokens: number;
  chunks: number;
}

interface UploadItem {
  key: number;
  file: File;
  status: UploadStatus;
  /** Share of the bytes sent, 0 to 1. */
  progress: number;
  result?: UploadResult;
  error?: { code: string; message: string };
}

function send(file: File, onProgress: (share: number) => void, onSent: () => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.responseType = "text";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = onSent;
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: null });
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

function errorOf(status: number, body: unknown): { code: string; message: string } {
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  if (error?.message) return { code: error.code ?? "error", message: error.message };
  if (status === 0) return { code: "network", message: "The upload did not reach the server. Check the connection and try again." };
  return { code: "error", message: `The server answered ${status}. Try again.` };
}

const fmt = new Intl.NumberFormat("en-US");
const count = (n: number, word: string) => `${fmt.format(n)} ${word}${n === 1 ? "" : "s"}`;

/** Drag-and-drop (or pick) one or many PDFs; a queue sends at most two at a time and shows each result. */
export function UploadDropzone() {
  const router = useRouter();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const waiting = useRef<{ key: number; file: File }[]>([]);
  const inFlight = useRef(0);

  const update = useCallback((key: number, patch: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  // The queue: start waiting files, oldest first, while fewer than two are in flight.
  const pump = useCallback(() => {
    const startNext = () => {
      while (inFlight.current < MAX_PARALLEL_UPLOADS && waiting.current.length > 0) {
        const { key, file } = waiting.current.shift()!;
        inFlight.current++;
        update(key, { status: "uploading" });
        void send(
          file,
          (progress) => update(key, { progress }),
          () => update(key, { status: "processing", progress: 1 }),
        ).then(({ status, body }) => {
          inFlight.current--;
          if (status === 200 || status === 201) {
            const document = (body as { document: UploadResult }).document;
            update(key, { status: status === 200 ? "duplicate" : "done", progress: 1, result: document });
            router.refresh();
          } else {
            update(key, { status: "error", error: errorOf(status, body) });
          }
          startNext();
        });
      }
    };
    startNext();
  }, [router, update]);

  const addFiles = useCallback(
    (files: FileList | File[]) => {
      const added = Array.from(files).map((file) => ({ key: nextKey.current++, file, status: "queued" as const, progress: 0 }));
      if (added.length === 0) return;
      setItems((current) => [...added.slice().reverse(), ...current]);
      waiting.current.push(...added.map(({ key, file }) => ({ key, file })));
      pump();
    },
    [pump],
  );

  return (
    <div className="space-y-3">
      <div
        data-testid="upload-dropzone"
        role="button"
        tabIndex={0}
        onClick={() => inputRef.current?.click()}
        onKeyDown={(event) => {
          if (event.key === "Enter" || event.key === " ") inputRef.current?.click();
        }}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          addFiles(event.dataTransfer.files);
        }}
        className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-8 text-center transition ${
          dragging ? "border-sky-500 bg-sky-50" : "border-slate-300 bg-white hover:border-slate-400"
        }`}
      >
        <p className="font-medium text-slate-800">Drop PDFs here, or click to choose</p>
        <p className="mt-1 text-sm text-slate-500">One or many; two are processed at a time.</p>
        <input
          ref={inputRef}
          data-testid="upload-input"
          type="file"
          accept="application/pdf,.pdf"
          multiple
          className="hidden"
          onChange={(event) => {
            if (event.target.files) addFiles(event.target.files);
            event.target.value = "";
          }}
        />
      </div>

      {items.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="upload-queue">
          {items.map((item) => (
            <li key={item.key} className="px-4 py-3 text-sm" data-testid="upload-item" data-status={item.status} data-name={item.file.name}>
              <div className="flex items-center justify-between gap-4">
                <span className="truncate font-medium text-slate-800" title={item.file.name}>
                  {item.file.name}
                </span>
                <span className="shrink-0 text-xs text-slate-500">
                  {item.status === "queued" && "Waiting…"}
                  {item.status === "uploading" && `Uploading ${Math.round(item.progress * 100)}%`}
                  {item.status === "processing" && "Extracting text and counting tokens…"}
                </span>
              </div>
              {(item.status === "uploading" || item.status === "processing") && (
                <div className="mt-2 h-1.5 overflow-hidden rounded bg-slate-100">
                  <div
                    className={`h-full bg-sky-500 transition-all ${item.status === "processing" ? "animate-pulse" : ""}`}
                    style={{ width: `${Math.max(4, Math.round(item.progress * 100))}%` }}
                  />
                </div>
              )}
              {item.result && (
                <p className="mt-1 text-emerald-700" data-testid="upload-result">
                  {item.status === "duplicate" ? "Already in the library: " : "Added: "}
                  {count(item.result.pages, "page")} · {count(item.result.tokens, "token")} · {count(item.result.chunks, "chunk")}
                </p>
              )}
              {item.error && (
                <p className="mt-1 text-rose-700" role="alert" data-testid="upload-error" data-code={item.error.code}>
                  {item.error.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
