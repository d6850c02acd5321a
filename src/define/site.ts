/** `site()`: a folder of static files served on its own origin, e.g. a web client of the service's APIs. */

import type { SiteModel } from '../model/types.ts';
import { optionsObject } from './arguments.ts';

export class SiteDefinition {
  readonly name: string;
  readonly dir: string;

  constructor(name: string, dir: string) {
    this.name = name;
    this.dir = dir;
  }

  toModel(): SiteModel {
    return { name: this.name, dir: this.dir };
  }
}

/**
 * Serves `dir` (relative to the definition file) on its own port; `/hoplite.json` there lists the service's API URLs.
 * @example site('web', { dir: 'web' })
 */
export function site(name: string, options: { dir: string }): SiteDefinition {
  return new SiteDefinition(name, optionsObject(`site("${name}", options)`, options, 'an object such as { dir: "web" }').dir);
}
