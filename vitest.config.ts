import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['{src,commands,devices,mocks,bench,data,scripts}/**/*.test.{ts,tsx}'],
		// Ink stops listening to resize and only prints the last frame when CI is set
		// (docs/architecture.md#ci-and-ink); FORCE_COLOR=0 keeps frames free of escape codes.
		env: {CI: 'false', FORCE_COLOR: '0', TONGBAN_TEST: '1'},
		restoreMocks: true,
		testTimeout: 20_000,
		hookTimeout: 20_000,
	},
});
