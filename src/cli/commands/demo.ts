import { DEMO_CREDENTIALS, DEMO_SERVICE_IDS } from '../../mock/index.ts';
import { formatSdkDate, signRequest, verifyRequest } from '../../protocol/index.ts';
import { formatSteps } from './explain.ts';

/** The embedded demo world's AK/SK and iris service, at `apig-kit mock`'s default address. */
const DEMO = {
  accessKey: DEMO_CREDENTIALS.accessKey,
  secretKey: DEMO_CREDENTIALS.secretKey,
  serviceUrl: `http://127.0.0.1:8787/v1/infers/${DEMO_SERVICE_IDS.iris}`,
} as const;

/**
 * `apig-kit demo`: signs a demo inference call, shows every step, then has the gateway-side
 * verifier judge it and a tampered copy of it.
 */
export async function runDemo(now: number = Date.now()): Promise<string> {
  const body = JSON.stringify({
    meta: { uuid: '10eb0091-887f-4839-9929-cbc884f1e20e' },
    data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] },
  });
  const headers = { 'Content-Type': 'application/json', 'X-Stage': 'RELEASE' };
  const signed = signRequest({ method: 'POST', url: DEMO.serviceUrl, headers, body }, { accessKey: DEMO.accessKey, secretKey: DEMO.secretKey }, { date: now });
  const url = new URL(DEMO.serviceUrl);
  const received = {
    method: 'POST',
    target: url.pathname,
    headers: { ...headers, Host: url.host, ...signed.headers },
    body,
  };
  const lookup = (ak: string) => (ak === DEMO.accessKey ? { secretKey: DEMO.secretKey } : undefined);
  const good = await verifyRequest(received, { lookup, now });
  const tampered = await verifyRequest({ ...received, body: body.replace('5.1', '9.9') }, { lookup, now });
  const late = await verifyRequest(received, { lookup, now: now + 16 * 60 * 1000 });
  const verdict = (v: Awaited<ReturnType<typeof verifyRequest>>) => (v.accepted ? 'accepted' : `rejected: ${v.reason} (${v.detail})`);
  return [
    `apig-kit demo: signing POST ${DEMO.serviceUrl} with SDK-HMAC-SHA256 at ${formatSdkDate(now)}`,
    `(demo AK ${DEMO.accessKey}; the secret key is never printed)`,
    '',
    formatSteps(signed.steps, signed.headers),
    '',
    'The gateway-side verifier says:',
    `    the request as signed:            ${verdict(good)}`,
    `    the body changed after signing:   ${verdict(tampered)}`,
    `    received 16 minutes later:        ${verdict(late)}`,
    '',
    'Try it yourself: echo \'{"method":"GET","url":"https://example.com/v1/x?b=2&a=1","ak":"AK","sk":"SK"}\' | npx apig-kit explain',
  ].join('\n');
}
