// Loaded with --import in vitest's test processes; worker threads inherit it.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
