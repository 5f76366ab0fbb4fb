import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { globalSetup: ['apig-kit/vitest'] } });
