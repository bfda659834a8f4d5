// The 342 municipalities of the 2024 division, from the same reference file the API reads.
import csv from '../../functions/src/main/resources/gemeenten-2024.csv?raw';

export const MUNICIPALITIES: [string, string][] = csv
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [code, ...name] = line.split(',');
    return [code, name.join(',').replace(/^"|"$/g, '')] as [string, string];
  })
  .sort((a, b) => a[1].localeCompare(b[1], 'nl'));
