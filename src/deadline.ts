/**
 * Whether `promise` settles within `ms`: `true` once it resolves, `false` if the time runs out
 * first (it may still settle later; nothing cancels it). A rejection within the time is passed
 * on. The timer does not keep the process alive.
 *
 * @example if (!(await finishesWithin(store.close(), 3_000))) logger.warn('closing gave up waiting')
 */
export async function finishesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
