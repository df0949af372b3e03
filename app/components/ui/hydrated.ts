import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server render and while React hydrates it, true once React runs in the browser, and true at once for
 * anything mounted after that (a form opened by a click renders its JavaScript version first, not the plain one).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
