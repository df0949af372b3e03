/**
 * Wraps a read so that concurrent callers share reads, without ever getting an answer older than their call:
 * a caller that arrives while a read is in flight waits for the next read, which starts after that one ends
 * (so after the caller arrived). Under load, one directory-version read answers a batch of requests.
 */
export function freshReader<T>(read: () => Promise<T>): () => Promise<T> {
  let inflight: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const promise: Promise<T> = read().finally(() => {
      if (inflight === promise) inflight = null;
    });
    inflight = promise;
    return promise;
  };
  return () => {
    if (!inflight) return start();
    queued ??= inflight.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      queued = null;
      return start();
    });
    return queued;
  };
}
