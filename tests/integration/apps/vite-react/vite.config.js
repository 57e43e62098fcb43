// The Vite React template's config: the React plugin, nothing for rolegate.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({ plugins: [react()] });
