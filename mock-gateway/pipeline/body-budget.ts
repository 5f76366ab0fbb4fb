import { headerValue } from '../../src/protocol/index.ts';
import type { GatewayRequest } from '../http-model.ts';

export interface Reservation {
  release(): void;
}

/**
 * A memory budget for request bodies being buffered. A request reserves what it may buffer before
 * its first byte is read, all at once, so two requests can never each hold a part and wait for the
 * rest; first come, first served. While a request waits, its body stays in the socket (TCP
 * back-pressure), not in the process: 20 concurrent 12 MB uploads do not need 240 MB at once.
 */
export class BodyBudget {
  #available: number;
  readonly #waiting: Array<{ bytes: number; admit: () => void }> = [];

  constructor(readonly capacityBytes: number) {
    this.#available = capacityBytes;
  }

  async reserve(bytes: number): Promise<Reservation> {
    // One body larger than the whole budget still goes, alone.
    const amount = Math.min(bytes, this.capacityBytes);
    if (amount > 0 && (this.#waiting.length > 0 || amount > this.#available)) {
      await new Promise<void>((admit) => this.#waiting.push({ bytes: amount, admit }));
    } else {
      this.#available -= amount;
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#available += amount;
        this.#admitWaiting();
      },
    };
  }

  get availableBytes(): number {
    return this.#available;
  }

  #admitWaiting(): void {
    while (this.#waiting.length > 0 && this.#waiting[0]!.bytes <= this.#available) {
      const next = this.#waiting.shift()!;
      this.#available -= next.bytes;
      next.admit();
    }
  }
}

/**
 * What a request may buffer: its Content-Length; the cap for a chunked body; nothing when the body
 * is declared over the cap (refused unread) or when there is no body at all.
 */
export function bodyBytesToReserve(request: GatewayRequest, maxBodyBytes: number): number {
  const declared = request.body.declaredLength;
  if (declared !== undefined) return declared > maxBodyBytes ? 0 : declared;
  return headerValue(request.headers, 'transfer-encoding') === undefined ? 0 : maxBodyBytes;
}
