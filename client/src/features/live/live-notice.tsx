/** A small, polite notice of what a live report event changed; it fades on its own. */
import { useEffect, useState } from "react";

export function LiveNotice({ message }: { message: { text: string; at: number } | null }) {
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    setShown(message.text);
    const timer = setTimeout(() => setShown(null), 8000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div className="live-notice" role="status" aria-live="polite" data-visible={shown ? "true" : "false"}>
      {shown}
    </div>
  );
}
