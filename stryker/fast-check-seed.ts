/**
 * Setup file of the mutation runs: fast-check draws the same cases on every run, so a mutant is
 * killed or not the same way each time (a random seed would make the score, and an incremental
 * baseline, flicker).
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: 20191115 });
