/**
 * What the desk's administration and activities pages load, for the components that draw them:
 * the types come from the pages' own load functions, so a column added there is known here.
 */
import type { PageData as AdminPageData } from '../routes/desk/admin/$types';
import type { PageData as ActivitiesPageData } from '../routes/desk/stations/activities/$types';

export type { AdminPageData, ActivitiesPageData };

/** An activity as the desk lists it, with its dates and their sign-ups. */
export type DeskActivity = ActivitiesPageData['activities'][number];
