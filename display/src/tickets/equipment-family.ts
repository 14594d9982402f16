/**
 * What kind of machine a piece of equipment is, as far as its faults and repairs go.
 * Types are the store config's own slugs, so besides the usual ones a type is placed
 * by the words in its name ("blast_chiller" cools, "pizza_oven" heats); a type the
 * display cannot place gets only the faults and repairs every machine can have.
 */
export type EquipmentFamily = 'refrigeration' | 'heating' | 'water' | 'airflow' | 'climate' | 'general';

const BY_WORDS: ReadonlyArray<readonly [RegExp, EquipmentFamily]> = [
  // Ice machines first: they make ice from a water line and drain, and are fixed as such.
  [/(^|_)ice(_|$)/, 'water'],
  [/cooler|freezer|fridge|refrigerat|chiller|cold/, 'refrigeration'],
  [/dish|glass_?wash|ware_?wash|water/, 'water'],
  [/fryer|oven|grill|griddle|holding|warmer|range|broiler|toaster|steamer|kettle|hob/, 'heating'],
  [/hood|exhaust|extract|ventilat/, 'airflow'],
  [/hvac|air_?con|heat_?pump/, 'climate'],
];

export function equipmentFamily(type: string): EquipmentFamily {
  const slug = type.toLowerCase();
  return BY_WORDS.find(([words]) => words.test(slug))?.[1] ?? 'general';
}
