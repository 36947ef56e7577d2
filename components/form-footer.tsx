/** A form's Save button and the outcome message. */
export function FormFooter({ saving, message, testId }: { saving: boolean; message: { ok: boolean; text: string } | null; testId: string }) {
  return (
    <div className="mt-4 flex items-center gap-3">
      <button type="submit" disabled={saving} className="rounded bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50" data-testid={testId}>
        {saving ? "Saving…" : "Save"}
      </button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-700" : "text-red-700"}`} data-testid={`${testId}-message`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
