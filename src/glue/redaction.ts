/**
 * Keeps the gateway's AWS account id out of what clients see. Glue's client-error messages are passed
 * on, but real ones name the account ("in account 123456789012") or ARNs; transforms carry their IAM
 * role's ARN. One rule for both: an account id is shown as `[account]`.
 */

const ARN = /\barn:aws[a-z-]*:[^\s"'`,;()]*[^\s"'`,;().]/g;
const ACCOUNT_ID = /(?<!\d)\d{12}(?!\d)/g;
/** An ARN's account field: `arn:partition:service:region:ACCOUNT:resource` (wherever the ARN starts). */
const ARN_ACCOUNT = /(arn:aws[a-z-]*:[^:]*:[^:]*:)\d{12}(:)/;

/** Markers for the client's own values while the rest is redacted; no digit or `arn:` in them. */
// Stryker disable next-line ArithmeticOperator: any distinct characters without a digit or `arn:` serve
const marker = (i: number) => `\u0000${String.fromCharCode(0xe000 + i)}\u0000`;
const DIGIT = /\d/;

/** Whether a value the client sent itself contains what is redacted: then it gets no protection. */
const looksLikeIdentity = (value: string) => /(?<!\d)\d{12}(?!\d)/.test(value) || /arn:aws/i.test(value);

/**
 * Redacts every account id and ARN in `message` except inside the values the client sent itself
 * (its ids, echoed back by Glue). The client's values are masked first, everything else is redacted,
 * then the values are put back. So that this gives no oracle (a guessed account id placed in an id
 * must come back the same whether the guess was right or not):
 * - a value that itself contains a 12-digit run or an ARN is not protected: its run is redacted too,
 *   right guess or wrong, and it cannot make Glue's own "in account …" text look like an echo;
 * - an occurrence touching a digit is not masked, so a value like "9012" cannot split the real
 *   account id into pieces the redaction no longer recognises.
 */
// Stryker disable next-line ArrayDeclaration: a default value absent from the message masks nothing either
export function redactAwsIdentifiers(message: string, clientValues: readonly string[] = []): string {
  const values = [...new Set(clientValues)].filter((v) => v.length > 0 && !looksLikeIdentity(v)).sort((a, b) => b.length - a.length);
  let masked = message;
  values.forEach((value, i) => {
    // Rejoins the pieces around each occurrence, with the marker or (touching a digit) the value itself.
    masked = masked.split(value).reduce((text, part) => {
      const touchesDigit = DIGIT.test(text.slice(-1)) || DIGIT.test(part.charAt(0));
      return text + (touchesDigit ? value : marker(i)) + part;
    });
  });
  const redacted = masked.replace(ARN, '[arn]').replace(ACCOUNT_ID, '[account]');
  return values.reduce((text, value, i) => text.split(marker(i)).join(value), redacted);
}

/** `arn:aws:iam::123456789012:role/x` → `arn:aws:iam::[account]:role/x`: the role stays recognisable. */
export function redactArnAccount(arn: string): string {
  return arn.replace(ARN_ACCOUNT, '$1[account]$2');
}
