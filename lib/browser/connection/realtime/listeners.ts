type Listener = (...args: never[]) => void;

/** Listeners by event name, called in the order they were added. */
export function createListeners() {
  const byEvent = new Map<string, Listener[]>();
  return {
    on(event: string, listener: Listener) {
      byEvent.set(event, [...(byEvent.get(event) ?? []), listener]);
    },
    off(event: string, listener: Listener) {
      const list = byEvent.get(event) ?? [];
      const at = list.indexOf(listener);
      if (at >= 0) byEvent.set(event, list.filter((_, i) => i !== at));
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of byEvent.get(event) ?? []) {
        // A throwing listener must not cut the others off, nor the packets after it: it is
        // reported as uncaught, like an exception in any event handler.
        try {
          (listener as (...args: unknown[]) => void)(...args);
        } catch (error) {
          setTimeout(() => {
            throw error;
          });
        }
      }
    },
  };
}
