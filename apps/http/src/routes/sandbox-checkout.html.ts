// The HTML of the sandbox checkout page. Every value is escaped: titles and references come from users.

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"'`]/g, (ch) => ESCAPES[ch] ?? ch);
}

/** The page forbids scripts, other origins and framing; forms may post only back to this app. */
export const CHECKOUT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** "1 999.00 RUB" from 199900 minor units, with the currency's own number of decimals. */
export function formatMoney(amount: number, currency: string): string {
  let digits: number;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch (error: unknown) {
    // Not an ISO 4217 code Intl knows: show the raw minor units rather than guess the decimals.
    if (!(error instanceof RangeError)) throw error;
    return `${amount} (minor units) ${currency}`;
  }
  const major = (amount / 10 ** digits).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${major} ${currency}`;
}

export type CheckoutView = {
  readonly reference: string;
  readonly status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  readonly amount: number;
  readonly currency: string;
  readonly bookingId: string | null;
  readonly bookingStatus: string | null;
  readonly quantity: number | null;
  readonly eventTitle: string | null;
  /** Only http(s) URLs are linked. */
  readonly returnUrl: string | null;
  /** Where the Pay and Decline forms post (`<action>/pay`, `<action>/decline`). */
  readonly action: string;
};

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Aquastream sandbox checkout</title>
<style>
  body { font-family: system-ui, sans-serif; background: #eef3f7; margin: 0; padding: 2rem 1rem; color: #1b2a36; }
  main { max-width: 28rem; margin: 0 auto; background: #fff; border-radius: 12px; padding: 1.5rem 2rem; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  .badge { display: inline-block; font-size: .75rem; letter-spacing: .05em; background: #fff3cd; color: #7a5b00; padding: .15rem .5rem; border-radius: 4px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; }
  dt { color: #5a6b78; } dd { margin: 0; word-break: break-all; }
  .amount { font-size: 2rem; font-weight: 600; margin: .5rem 0 1rem; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  .actions form { flex: 1; }
  button { width: 100%; font-size: 1rem; padding: .75rem; border-radius: 8px; border: 0; cursor: pointer; }
  .pay { background: #0a7d4f; color: #fff; } .decline { background: #e4e8eb; color: #1b2a36; }
  .ok { color: #0a7d4f; } .failed { color: #a4262c; }
</style>
</head>
<body><main>
<p class="badge">SANDBOX — no real money moves</p>
${body}
</main></body>
</html>`;
}

function details(view: CheckoutView): string {
  const rows: [string, string | null][] = [
    ['Event', view.eventTitle],
    ['Booking', view.bookingId],
    ['Seats', view.quantity === null ? null : String(view.quantity)],
    ['Currency', view.currency],
    ['Booking status', view.bookingStatus],
    ['Reference', view.reference],
  ];
  const shown = rows.filter((row): row is [string, string] => row[1] !== null);
  return `<dl>${shown.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd data-field="${escapeHtml(k.toLowerCase().replace(' ', '-'))}">${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function backLink(view: CheckoutView): string {
  if (view.returnUrl === null || !/^https?:\/\//i.test(view.returnUrl)) return '';
  return `<p><a href="${escapeHtml(view.returnUrl)}" rel="noreferrer">Back to the shop</a></p>`;
}

/** PENDING: the amount and the Pay / Decline buttons. Settled: the outcome and the booking's status. */
export function checkoutPage(view: CheckoutView): string {
  const amount = `<p class="amount" data-field="amount">${escapeHtml(formatMoney(view.amount, view.currency))}</p>`;
  switch (view.status) {
    case 'PENDING':
      return layout(
        'Pay',
        `<h1>Pay for your booking</h1>${amount}${details(view)}
<div class="actions">
<form method="post" action="${escapeHtml(`${view.action}/pay`)}"><button class="pay" type="submit">Pay</button></form>
<form method="post" action="${escapeHtml(`${view.action}/decline`)}"><button class="decline" type="submit">Decline</button></form>
</div>`,
      );
    case 'SUCCEEDED':
      return layout('Paid', `<h1 class="ok" data-outcome="paid">Payment received</h1>${amount}${details(view)}${backLink(view)}`);
    case 'FAILED':
      return layout(
        'Declined',
        `<h1 class="failed" data-outcome="declined">Payment declined</h1>${amount}${details(view)}
<p>No money was taken. The booking waits for another payment until its deadline.</p>${backLink(view)}`,
      );
  }
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
