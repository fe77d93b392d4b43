/** Regenerates appPackage/color.png and outline.png (drawn in adapters/teams/package/icons.ts). */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { colorIcon, outlineIcon } from '../adapters/teams/package/icons.js';
import { encodePng } from '../adapters/teams/package/png.js';

const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'appPackage');
writeFileSync(join(dir, 'color.png'), encodePng(colorIcon()));
writeFileSync(join(dir, 'outline.png'), encodePng(outlineIcon()));
console.log(`Icons written to ${dir}/color.png (192×192) and outline.png (32×32).`);
