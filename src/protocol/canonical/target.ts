const ABSOLUTE_FORM = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/;

/** Splits an HTTP request target (origin form, or absolute form) into wire path and wire query. */
export function splitRequestTarget(target: string): { path: string; query: string } {
  let rest = target;
  const absolute = target.startsWith('/') ? null : ABSOLUTE_FORM.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length);
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const path = question === -1 ? rest : rest.slice(0, question);
  const query = question === -1 ? '' : rest.slice(question + 1);
  return { path: path === '' ? '/' : path, query };
}
