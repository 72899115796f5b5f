// Listed explicitly so migrations run the same from tsx, vitest and a bundle, without globbing.
import { Migration20261128000001_initial } from './Migration20261128000001_initial';

export const migrationsList = [
  { name: 'Migration20261128000001_initial', class: Migration20261128000001_initial },
];
