/**
 * The options page's two labelled row shapes, defined once so every section renders the same DOM
 * (classes and ids that options.css, the e2e selectors and screen readers rely on).
 */
import type { ComponentChildren } from 'preact';

/** A labelled field: `<div class="field"><label for={id}>…</label>` then the control (which carries `id`) and its hints. */
export function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

/** A checkbox with a bold label and a description below it; the description is the box's `${id}-desc`. */
export function CheckRow({
  id,
  checked,
  disabled,
  onCheck,
  label,
  desc,
}: {
  id: string;
  checked: boolean;
  disabled?: boolean;
  onCheck: (on: boolean) => void;
  label: string;
  desc: string;
}) {
  return (
    <div class="check-row">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-desc`}
        onChange={(e) => onCheck((e.currentTarget as HTMLInputElement).checked)}
      />
      <div>
        <label for={id} class="check-label">
          {label}
        </label>
        <p id={`${id}-desc`} class="hint">
          {desc}
        </p>
      </div>
    </div>
  );
}
