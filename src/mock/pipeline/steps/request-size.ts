import { NEXT, refuse, type Step } from '../../exchange/step.ts';

/** URI over 32 KB → 414; one header over 32 KB or all of them over 128 KB → 494 (gateway.md §4). */
export const requestSizeStep: Step = {
  name: 'request-size',
  waivable: false,
  run({ request }, { config }) {
    const { maxUriBytes, maxHeaderBytes, maxHeaderBlockBytes } = config.limits;
    if (Buffer.byteLength(request.target) > maxUriBytes) return refuse({ rule: 'request.uri-too-large', detail: `the URI is over ${maxUriBytes} bytes` });
    let total = 0;
    for (const [name, values] of request.headers) {
      for (const value of values) {
        const size = name.length + 2 + Buffer.byteLength(value);
        total += size;
        if (size > maxHeaderBytes) return refuse({ rule: 'request.headers-too-large', detail: `header ${name} is over ${maxHeaderBytes} bytes` });
      }
    }
    return total > maxHeaderBlockBytes
      ? refuse({ rule: 'request.headers-too-large', detail: `the headers are over ${maxHeaderBlockBytes} bytes in all` })
      : NEXT;
  },
};
