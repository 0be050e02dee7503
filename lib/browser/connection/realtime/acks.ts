interface Pending {
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

/** The acknowledgements a socket waits for, by ack id. */
export function createAcks() {
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const take = (id: number) => {
    const entry = pending.get(id);
    pending.delete(id);
    clearTimeout(entry?.timer);
    return entry;
  };
  return {
    /** A new ack id and the answer it will bring; rejects after `timeoutMs` without one. */
    add(timeoutMs?: number): { id: number; answer: Promise<unknown> } {
      const id = nextId++;
      const answer = new Promise<unknown>((resolve, reject) => {
        const entry: Pending = { resolve, reject };
        if (timeoutMs !== undefined) entry.timer = setTimeout(() => take(id)?.reject(new Error("operation has timed out")), timeoutMs);
        pending.set(id, entry);
      });
      return { id, answer };
    },
    resolve(id: number, answer: unknown) {
      take(id)?.resolve(answer);
    },
    reject(id: number, error: Error) {
      take(id)?.reject(error);
    },
    /** The connection is gone: no answer will come. */
    rejectAll(error: Error) {
      for (const id of [...pending.keys()]) take(id)?.reject(error);
    },
  };
}
