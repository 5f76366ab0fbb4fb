import type { IncomingMessage } from 'node:http';

/**
 * The model's answer body, passed on piece by piece as the client takes it: nothing is read from
 * the model before the piece before has been asked for, so at most the socket's own buffers are
 * held (the answer itself has no size limit at APIG: gateway.md §4). A model that sends nothing
 * for `idleMs` mid-body, or breaks off, ends the answer with an error (the adapter then drops the
 * client's connection: its head is out already). `return()` (the client went away) ends the model's answer at once,
 * and so does a reader that asks for nothing more for `idleMs` (one that went away without saying so).
 */
export function upstreamBody(upstream: IncomingMessage, idleMs: number, onEnd: () => void): AsyncIterableIterator<Buffer> {
  // Errors between reads are seen at the next read (errored, or closed before the end); without a listener they would crash the process.
  upstream.on('error', () => undefined);
  let finished = false;
  let unasked: NodeJS.Timeout | undefined;
  let failure: Error | undefined;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(unasked);
    onEnd();
  };
  const awaitNextAsk = () => {
    unasked = setTimeout(() => {
      failure = new Error(`nothing more was asked of the model's answer for ${idleMs} ms`);
      upstream.destroy();
      finish();
    }, idleMs);
    unasked.unref();
  };
  const settle = (): Promise<IteratorResult<Buffer>> =>
    new Promise((resolve, reject) => {
      const done = () => {
        upstream.off('readable', readable);
        upstream.off('end', ended);
        upstream.off('error', failed);
        upstream.off('close', closed);
        clearTimeout(timer);
      };
      const readable = () => {
        const chunk = upstream.read() as Buffer | null;
        if (chunk === null) return;
        done();
        awaitNextAsk();
        resolve({ done: false, value: chunk });
      };
      const ended = () => {
        done();
        finish();
        resolve({ done: true, value: undefined });
      };
      const failed = (error: Error) => {
        done();
        finish();
        reject(error);
      };
      const closed = () => {
        if (upstream.readableEnded) ended();
        else failed(new Error('the model closed its answer before the end'));
      };
      const timer = setTimeout(() => {
        upstream.destroy();
        failed(new Error(`the model sent nothing for ${idleMs} ms in the middle of its answer`));
      }, idleMs);
      upstream.on('readable', readable);
      upstream.once('end', ended);
      upstream.once('error', failed);
      upstream.once('close', closed);
      readable();
    });
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      clearTimeout(unasked);
      if (failure) return Promise.reject(failure);
      if (finished) return Promise.resolve({ done: true, value: undefined });
      if (upstream.readableEnded) {
        finish();
        return Promise.resolve({ done: true, value: undefined });
      }
      if (upstream.destroyed) {
        finish();
        return Promise.reject(upstream.errored ?? new Error('the model closed its answer before the end'));
      }
      return settle();
    },
    return() {
      if (!upstream.readableEnded) upstream.destroy();
      finish();
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}
