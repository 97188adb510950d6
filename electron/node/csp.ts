/**
 * The Content-Security-Policy of every page of the renderer, in Electron (app:// responses) and in the
 * web host alike. Scripts only from the app itself: no inline script, no eval, no remote origin. Inline
 * styles stay allowed because the design system's components set some at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Directives a `<meta>` policy cannot carry (browsers ignore them there, with a warning). */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

/**
 * The same policy as a `<meta http-equiv>` tag in the built index.html: the page keeps it wherever it is served
 * from (a web host that forgot the header, a file opened by hand), and tools that read only the HTML see it.
 */
export function metaContentSecurityPolicy(): string {
  return CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !HEADER_ONLY.includes(directive.split(' ')[0]!))
    .join('; ');
}
