import { authenticate } from '../../auth/authenticate.ts';
import { NEXT, refuse, type Step } from '../../exchange/step.ts';

/** Token or AK/SK for IAM APIs, AppCode, app signature or apikey for app APIs (gateway.md §3). */
export const authenticateStep: Step = {
  name: 'authenticate',
  waivable: true,
  async run(context, { world, clock, config, lockout, httpsEndpoints }) {
    const auth = await authenticate(context.route!, context.request, context.body!.chunks, {
      world,
      now: clock.now(),
      limits: config.limits,
      behaviour: config.behaviour,
      lockout,
      httpsServed: httpsEndpoints.size > 0,
    });
    context.auth = auth;
    return auth.refusal ? refuse(auth.refusal) : NEXT;
  },
};
