/**
 * Keeps the gateway's AWS account id out of what clients see. Glue's client-error messages are passed
 * on, but real ones name the account ("in account 123456789012") or ARNs; transforms carry their IAM
 * role's ARN. One rule for both: an account id is shown as `[account]`.
 */

const ARN = /\barn:aws[a-z-]*:[^\s"'`,;()]*[^\s"'`,;().]/g;
const ACCOUNT_ID = /(?<!\d)\d{12}(?!\d)/g;
/** An ARN's account field: `arn:partition:service:region:ACCOUNT:resource`. */
const ARN_ACCOUNT = /^(arn:aws[a-z-]*:[^:]*:[^:]*:)\d{12}(:)/;

/** Markers for the client's own values while the rest is redacted; no digit or `arn:` in them. */
const marker = (i: number) => `\u0000${String.fromCharCode(0xe000 + i)}\u0000`;

/**
 * Redacts every account id and ARN in `message` except inside the values the client sent itself
 * (its ids, echoed back by Glue). The client's values are masked first, everything else is redacted,
 * then the values are put back: so a guessed account id placed inside an id comes back as sent, and
 * the real one is `[account]` whether the guess was right or not (no oracle).
 */
export function redactAwsIdentifiers(message: string, clientValues: readonly string[] = []): string {
  const values = [...new Set(clientValues.filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
  let masked = message;
  values.forEach((value, i) => (masked = masked.split(value).join(marker(i))));
  const redacted = masked.replace(ARN, '[arn]').replace(ACCOUNT_ID, '[account]');
  return values.reduce((text, value, i) => text.split(marker(i)).join(value), redacted);
}

/** `arn:aws:iam::123456789012:role/x` → `arn:aws:iam::[account]:role/x`: the role stays recognisable. */
export function redactArnAccount(arn: string): string {
  return arn.replace(ARN_ACCOUNT, '$1[account]$2');
}
