/**
 * `promise`'s value if it settles within `ms`, else `fallback`; a rejection within `ms`
 * rejects. The timer is cleared as soon as either comes, so it never holds the process.
 */
export async function valueWithin<T, F>(
  promise: Promise<T>,
  ms: number,
  fallback: F,
): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
