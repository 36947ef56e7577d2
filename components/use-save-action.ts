"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export interface SaveMessage {
  ok: boolean;
  text: string;
}

/**
 * The save cycle every settings form shares: mark saving, run the action, show its success text or the
 * server's error message, and refresh the page's server data on success.
 */
export function useSaveAction() {
  const router = useRouter();
  const [message, setMessage] = useState<SaveMessage | null>(null);
  const [saving, setSaving] = useState(false);

  async function run(action: () => Promise<string>): Promise<boolean> {
    setSaving(true);
    setMessage(null);
    try {
      const text = await action();
      setMessage({ ok: true, text });
      router.refresh();
      return true;
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
      return false;
    } finally {
      setSaving(false);
    }
  }

  return { message, saving, run };
}
