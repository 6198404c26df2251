import { validateBundle, validateCatalogue } from '@onevisit/definitions';
import {
  formatFileError,
  type FileError,
  locateCatalogueError,
  readWorkflowTree,
} from '@onevisit/catalogue';
import { readCalendarFiles } from '@onevisit/calendar';
import { join } from 'node:path';
import { runCli, workflowsRoot } from './cli-support.js';

/**
 * Validates every file under workflows/ (catalogue, then each bundle against it) and
 * prints `file#/pointer: message` per problem. No database needed: this is the CI gate.
 */
export async function checkWorkflows(
  root: string,
): Promise<{ errors: FileError[]; summary: string }> {
  const tree = await readWorkflowTree(root);
  const errors: FileError[] = [...tree.errors];
  const catalogueErrors = await validateCatalogue(tree.catalogue);
  errors.push(...catalogueErrors.map((error) => locateCatalogueError(tree, error)));
  for (const bundle of tree.bundles) {
    const bundleErrors = await validateBundle(bundle.plain, tree.catalogue);
    errors.push(...bundleErrors.map((error) => ({ ...error, file: bundle.file })));
  }
  // Calendar files (workflows/calendar/*.json): one year's holidays and make-up days each.
  const calendars = await readCalendarFiles(join(root, 'calendar'));
  for (const calendar of calendars) {
    errors.push(
      ...calendar.errors.map((error) => ({
        file: `workflows/calendar/${calendar.file}`,
        pointer: error.field,
        code: 'calendar',
        message: error.message,
      })),
    );
  }
  const calendarYears = calendars.flatMap((calendar) =>
    calendar.years.map((year) => `${year.region} ${year.year}`),
  );
  const { departments, materials, licenceTypes, items } = tree.catalogue;
  const summary =
    `${departments.length} departments, ${materials.length} materials, ${licenceTypes.length} licence types, ` +
    `${items.length} service items, ${tree.bundles.length} bundles, ` +
    `calendar ${calendarYears.join(', ') || 'none'}`;
  return { errors, summary };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(async () => {
    const { errors, summary } = await checkWorkflows(workflowsRoot());
    for (const error of errors) console.error(formatFileError(error));
    if (errors.length > 0) {
      console.error(`\n${errors.length} error(s) in workflows (${summary})`);
      return 1;
    }
    console.log(`workflows OK: ${summary}`);
    return 0;
  });
}
