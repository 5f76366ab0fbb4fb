/** Conformance of the token auth method: see suites/cases.ts for the cases, suites/README.md to run. */
import { defineMethodSuite } from './define-suite.ts';

defineMethodSuite('token');
