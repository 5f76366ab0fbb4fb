import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CaseResult, toJUnitXml } from '../../src/reports/junit.ts';

const SCHEMA = join(import.meta.dirname, 'jenkins-junit.xsd');
const STARTED = new Date(Date.UTC(2026, 10, 23, 10, 15, 0, 250));
const results: CaseResult[] = [
  { suite: 'python', name: 'aksk-json: AK/SK & <json>', status: 'passed', durationMs: 1234 },
  { suite: 'python', name: 'aksk-query', status: 'failed', durationMs: 10, message: 'expected 200 accepted, got 401 APIG.0303', details: 'canonical request:\n- a=1\n+ \u0001' },
  { suite: 'curl', name: 'aksk-json', status: 'skipped', durationMs: 0, message: 'not applicable: cURL cannot sign' },
  { suite: 'curl', name: 'app-json', status: 'failed', durationMs: 5, message: 'passed, but it is on the known-failing list', failureType: 'unexpected-pass' },
];
const xml = toJUnitXml('apig-kit conformance', results, STARTED);

/** In CI .ci/run installs xmllint (Debian libxml2-utils); elsewhere its absence only skips the schema check. */
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const required = process.env.APIG_KIT_REQUIRE_CLIENTS === '1';

describe('the JUnit report', () => {
  it.runIf(xmllint || required)("validates against Jenkins' junit-10 rules (xmllint)", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apig-kit-junit-')), 'junit.xml');
    writeFileSync(file, xml);
    expect(() => execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], { stdio: 'pipe' })).not.toThrow();
    writeFileSync(file, xml.replace('<testsuites ', '<testsuites skipped="1" '));
    expect(() => execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], { stdio: 'pipe' })).toThrow(/skipped/);
  });

  it('keeps the counts per suite, with skipped only there', () => {
    expect(xml).toContain('<testsuites name="apig-kit conformance" tests="4" failures="2" errors="0" time="1.249">');
    expect(xml).toContain('<testsuite name="python" tests="2" failures="1" errors="0" skipped="0" time="1.244" timestamp="2026-11-23T10:15:00">');
    expect(xml).toContain('<testsuite name="curl" tests="2" failures="1" errors="0" skipped="1" time="0.005" timestamp="2026-11-23T10:15:00">');
  });

  it('gives each failure a type and a message, and drops what XML cannot carry', () => {
    expect(xml).toContain('<failure type="failed-case" message="expected 200 accepted, got 401 APIG.0303">canonical request:\n- a=1\n+ </failure>');
    expect(xml).toContain('<failure type="unexpected-pass" message="passed, but it is on the known-failing list">');
    expect(xml).toContain('<skipped message="not applicable: cURL cannot sign"/>');
    expect(xml).toContain('name="aksk-json: AK/SK &amp; &lt;json&gt;"');
  });
});
