/** `apig-kit/msw`: the mock gateway as msw request handlers, answering intercepted `fetch` calls in-process. */
export { createGatewayHandlers } from '../mock/adapters/msw.ts';
