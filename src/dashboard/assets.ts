import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';

interface Asset {
  /** What pages link to: the name with a hash of the content, so a changed file is a new URL. */
  url: string;
  type: string;
  body: Buffer;
}

/**
 * Everything the dashboard loads, served from this process: npm packages' built files and our own
 * script and style. Content-hashed URLs are cached for a year; nothing comes from another host.
 */
const SOURCES: Record<string, { file: string; type: string }> = {
  'htmx.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript' },
  'uplot.js': { file: require.resolve('uplot/dist/uPlot.iife.min.js'), type: 'text/javascript' },
  'uplot.css': { file: require.resolve('uplot/dist/uPlot.min.css'), type: 'text/css' },
  'leaflet.js': { file: require.resolve('leaflet/dist/leaflet.js'), type: 'text/javascript' },
  'leaflet.css': { file: require.resolve('leaflet/dist/leaflet.css'), type: 'text/css' },
  'dashboard.js': { file: join(__dirname, 'public', 'dashboard.js'), type: 'text/javascript' },
  'dashboard.css': { file: join(__dirname, 'public', 'dashboard.css'), type: 'text/css' },
};

export type AssetName = keyof typeof SOURCES;

export function loadAssets() {
  const byName = new Map<string, Asset>();
  const byUrl = new Map<string, Asset>();
  for (const [name, source] of Object.entries(SOURCES)) {
    const body = readFileSync(source.file);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const dot = name.lastIndexOf('.');
    const asset = { url: `/assets/${name.slice(0, dot)}-${hash}${name.slice(dot)}`, type: source.type, body };
    byName.set(name, asset);
    byUrl.set(asset.url, asset);
  }

  const router = Router();
  router.get('/assets/:file', (req, res) => {
    const asset = byUrl.get(`/assets/${String(req.params.file)}`);
    // An old hash (a page cached across an upgrade) or a made-up name: plainly not here.
    if (!asset) return res.status(404).end();
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type(asset.type).send(asset.body);
  });

  return {
    router,
    url: (name: AssetName) => byName.get(name)!.url,
  };
}

export type Assets = ReturnType<typeof loadAssets>;
