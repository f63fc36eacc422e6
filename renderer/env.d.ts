/** The app's version from package.json, set by vite.renderer.config.ts. */
declare const __APP_VERSION__: string;
