import type { Express } from 'express';
import nunjucks from 'nunjucks';
import { templatesDirectory } from '../../common/project-paths';
import { dutchDate, dutchDateTime, dutchMonth, euroFromCents, euroFromDecimal } from './format';

/** The portal's page templates: templates/portal/*.njk (Nunjucks, HTML-escaped by default). */
export function portalTemplatesDirectory(): string {
  return templatesDirectory('portal', 'layout.njk');
}

/** Sets Nunjucks up as Express's view engine, with the Dutch formatting filters. */
export function configureViews(app: Express, cacheTemplates: boolean, municipalityName: string): nunjucks.Environment {
  const env = nunjucks.configure(portalTemplatesDirectory(), {
    autoescape: true,
    express: app,
    noCache: !cacheTemplates,
    throwOnUndefined: false,
  });
  app.set('view engine', 'njk');
  env.addGlobal('municipalityName', municipalityName);
  env.addFilter('euroCents', euroFromCents);
  env.addFilter('euro', euroFromDecimal);
  env.addFilter('datum', dutchDate);
  env.addFilter('maand', dutchMonth);
  env.addFilter('datumTijd', dutchDateTime);
  return env;
}
