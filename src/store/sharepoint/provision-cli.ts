/**
 * `npm run provision`: creates or updates the SharePoint lists and columns DPO Board uses on
 * the configured site (STORE=sharepoint settings). Safe to run again: it adds only what is
 * missing and corrects display names, flags and choices that drifted. It takes no options.
 */
import { commandLineOrExit } from '../../cli/args.js';
import { loadConfig } from '../../config.js';
import { createGraphApi } from '../../graph/factory.js';
import { provisionLists } from './provision.js';

commandLineOrExit({
  usage: 'usage: npm run provision\n  Creates or updates the SharePoint lists on the site the SHAREPOINT_* and GRAPH_* settings name.',
  options: {},
});
try {
  const config = loadConfig({ ...process.env, STORE: 'sharepoint' });
  const settings = config.sharepoint!;
  const graph = createGraphApi(settings);
  const report = await provisionLists(graph, settings.site, config.scale, (line) => console.log(`provision: ${line}`));
  const changed = report.createdLists.length + report.createdColumns.length + report.updatedColumns.length;
  console.log(
    changed === 0
      ? `provision: site ${report.siteId} already has every list and column`
      : `provision: site ${report.siteId}: ${report.createdLists.length} lists created, ` +
          `${report.createdColumns.length} columns added, ${report.updatedColumns.length} columns updated`,
  );
} catch (error) {
  // The message only (Graph's error code and text, or the setting that is missing); no stack trace.
  console.error(`provision failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
