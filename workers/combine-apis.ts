/**
 * Comlink proxies functions, not nested objects, so a worker exposes one flat object. Each domain registers its
 * functions in a file of its own; this joins them and refuses a name registered twice, which a plain spread would
 * let the later domain win silently.
 */
type Api = Record<string, (...args: never[]) => unknown>;

type Merged<T extends Record<string, Api>> = { [K in keyof T]: (x: T[K]) => void } extends Record<string, (x: infer I) => void> ? I : never;

export function combineApis<T extends Record<string, Api>>(domains: T): Merged<T> {
  const merged: Record<string, unknown> = Object.create(null);
  const owner = new Map<string, string>();
  for (const [domain, api] of Object.entries(domains)) {
    for (const [name, fn] of Object.entries(api)) {
      const first = owner.get(name);
      if (first !== undefined) throw new Error(`Worker API: "${name}" is registered by both the ${first} and the ${domain} domain.`);
      if (typeof fn !== 'function') throw new Error(`Worker API: ${domain}.${name} is not a function.`);
      owner.set(name, domain);
      merged[name] = fn;
    }
  }
  return merged as Merged<T>;
}
