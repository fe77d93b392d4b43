/**
 * The 101 French departments and 18 regions (public facts, 2026): code, name with the article the
 * préfecture's name takes (« Préfecture du Rhône »), region and chef-lieu (where the préfecture is).
 * Unit recognition reads it so that an agent may name any department, by name, number or
 * préfecture city, even when the ambassador directory declares only a few of them.
 */

export interface Departement {
  /** "01"…"95", "2A", "2B", "971"…"976". */
  code: string;
  name: string;
  /** The name as the préfecture's label says it: "du Rhône", "de la Gironde", "d'Ille-et-Vilaine". */
  of: string;
  region: string;
  /** Chef-lieu; left empty where the city name is ambiguous (Saint-Denis is also in Seine-Saint-Denis). */
  city: string;
}

export interface Region {
  name: string;
  /** Other ways agents write it (abbreviations). */
  aliases: string[];
}

export const REGIONS: readonly Region[] = [
  { name: 'Auvergne-Rhône-Alpes', aliases: ['AURA', 'ARA'] },
  { name: 'Bourgogne-Franche-Comté', aliases: ['BFC'] },
  { name: 'Bretagne', aliases: [] },
  { name: 'Centre-Val de Loire', aliases: ['CVL'] },
  { name: 'Corse', aliases: [] },
  { name: 'Grand Est', aliases: [] },
  { name: 'Hauts-de-France', aliases: ['HDF'] },
  { name: 'Île-de-France', aliases: ['IDF'] },
  { name: 'Normandie', aliases: [] },
  { name: 'Nouvelle-Aquitaine', aliases: [] },
  { name: 'Occitanie', aliases: [] },
  { name: 'Pays de la Loire', aliases: [] },
  { name: 'Provence-Alpes-Côte d’Azur', aliases: ['PACA', 'Région Sud'] },
  { name: 'Guadeloupe', aliases: [] },
  { name: 'Martinique', aliases: [] },
  { name: 'Guyane', aliases: [] },
  { name: 'La Réunion', aliases: ['Réunion'] },
  { name: 'Mayotte', aliases: [] },
];

const ARA = 'Auvergne-Rhône-Alpes';
const BFC = 'Bourgogne-Franche-Comté';
const CVL = 'Centre-Val de Loire';
const GE = 'Grand Est';
const HDF = 'Hauts-de-France';
const IDF = 'Île-de-France';
const NOR = 'Normandie';
const NA = 'Nouvelle-Aquitaine';
const OCC = 'Occitanie';
const PDL = 'Pays de la Loire';
const PACA = 'Provence-Alpes-Côte d’Azur';

/** [code, name, of, region, chef-lieu] */
const ROWS: readonly (readonly [string, string, string, string, string])[] = [
  ['01', 'Ain', 'de l’Ain', ARA, 'Bourg-en-Bresse'],
  ['02', 'Aisne', 'de l’Aisne', HDF, 'Laon'],
  ['03', 'Allier', 'de l’Allier', ARA, 'Moulins'],
  ['04', 'Alpes-de-Haute-Provence', 'des Alpes-de-Haute-Provence', PACA, 'Digne-les-Bains'],
  ['05', 'Hautes-Alpes', 'des Hautes-Alpes', PACA, 'Gap'],
  ['06', 'Alpes-Maritimes', 'des Alpes-Maritimes', PACA, 'Nice'],
  ['07', 'Ardèche', 'de l’Ardèche', ARA, 'Privas'],
  ['08', 'Ardennes', 'des Ardennes', GE, 'Charleville-Mézières'],
  ['09', 'Ariège', 'de l’Ariège', OCC, 'Foix'],
  ['10', 'Aube', 'de l’Aube', GE, 'Troyes'],
  ['11', 'Aude', 'de l’Aude', OCC, 'Carcassonne'],
  ['12', 'Aveyron', 'de l’Aveyron', OCC, 'Rodez'],
  ['13', 'Bouches-du-Rhône', 'des Bouches-du-Rhône', PACA, 'Marseille'],
  ['14', 'Calvados', 'du Calvados', NOR, 'Caen'],
  ['15', 'Cantal', 'du Cantal', ARA, 'Aurillac'],
  ['16', 'Charente', 'de la Charente', NA, 'Angoulême'],
  ['17', 'Charente-Maritime', 'de la Charente-Maritime', NA, 'La Rochelle'],
  ['18', 'Cher', 'du Cher', CVL, 'Bourges'],
  ['19', 'Corrèze', 'de la Corrèze', NA, 'Tulle'],
  ['2A', 'Corse-du-Sud', 'de Corse-du-Sud', 'Corse', 'Ajaccio'],
  ['2B', 'Haute-Corse', 'de Haute-Corse', 'Corse', 'Bastia'],
  ['21', 'Côte-d’Or', 'de la Côte-d’Or', BFC, 'Dijon'],
  ['22', 'Côtes-d’Armor', 'des Côtes-d’Armor', 'Bretagne', 'Saint-Brieuc'],
  ['23', 'Creuse', 'de la Creuse', NA, 'Guéret'],
  ['24', 'Dordogne', 'de la Dordogne', NA, 'Périgueux'],
  ['25', 'Doubs', 'du Doubs', BFC, 'Besançon'],
  ['26', 'Drôme', 'de la Drôme', ARA, 'Valence'],
  ['27', 'Eure', 'de l’Eure', NOR, 'Évreux'],
  ['28', 'Eure-et-Loir', 'd’Eure-et-Loir', CVL, 'Chartres'],
  ['29', 'Finistère', 'du Finistère', 'Bretagne', 'Quimper'],
  ['30', 'Gard', 'du Gard', OCC, 'Nîmes'],
  ['31', 'Haute-Garonne', 'de la Haute-Garonne', OCC, 'Toulouse'],
  ['32', 'Gers', 'du Gers', OCC, 'Auch'],
  ['33', 'Gironde', 'de la Gironde', NA, 'Bordeaux'],
  ['34', 'Hérault', 'de l’Hérault', OCC, 'Montpellier'],
  ['35', 'Ille-et-Vilaine', 'd’Ille-et-Vilaine', 'Bretagne', 'Rennes'],
  ['36', 'Indre', 'de l’Indre', CVL, 'Châteauroux'],
  ['37', 'Indre-et-Loire', 'd’Indre-et-Loire', CVL, 'Tours'],
  ['38', 'Isère', 'de l’Isère', ARA, 'Grenoble'],
  ['39', 'Jura', 'du Jura', BFC, 'Lons-le-Saunier'],
  ['40', 'Landes', 'des Landes', NA, 'Mont-de-Marsan'],
  ['41', 'Loir-et-Cher', 'de Loir-et-Cher', CVL, 'Blois'],
  ['42', 'Loire', 'de la Loire', ARA, 'Saint-Étienne'],
  ['43', 'Haute-Loire', 'de la Haute-Loire', ARA, 'Le Puy-en-Velay'],
  ['44', 'Loire-Atlantique', 'de la Loire-Atlantique', PDL, 'Nantes'],
  ['45', 'Loiret', 'du Loiret', CVL, 'Orléans'],
  ['46', 'Lot', 'du Lot', OCC, 'Cahors'],
  ['47', 'Lot-et-Garonne', 'de Lot-et-Garonne', NA, 'Agen'],
  ['48', 'Lozère', 'de la Lozère', OCC, 'Mende'],
  ['49', 'Maine-et-Loire', 'de Maine-et-Loire', PDL, 'Angers'],
  ['50', 'Manche', 'de la Manche', NOR, 'Saint-Lô'],
  ['51', 'Marne', 'de la Marne', GE, 'Châlons-en-Champagne'],
  ['52', 'Haute-Marne', 'de la Haute-Marne', GE, 'Chaumont'],
  ['53', 'Mayenne', 'de la Mayenne', PDL, 'Laval'],
  ['54', 'Meurthe-et-Moselle', 'de Meurthe-et-Moselle', GE, 'Nancy'],
  ['55', 'Meuse', 'de la Meuse', GE, 'Bar-le-Duc'],
  ['56', 'Morbihan', 'du Morbihan', 'Bretagne', 'Vannes'],
  ['57', 'Moselle', 'de la Moselle', GE, 'Metz'],
  ['58', 'Nièvre', 'de la Nièvre', BFC, 'Nevers'],
  ['59', 'Nord', 'du Nord', HDF, 'Lille'],
  ['60', 'Oise', 'de l’Oise', HDF, 'Beauvais'],
  ['61', 'Orne', 'de l’Orne', NOR, 'Alençon'],
  ['62', 'Pas-de-Calais', 'du Pas-de-Calais', HDF, 'Arras'],
  ['63', 'Puy-de-Dôme', 'du Puy-de-Dôme', ARA, 'Clermont-Ferrand'],
  ['64', 'Pyrénées-Atlantiques', 'des Pyrénées-Atlantiques', NA, 'Pau'],
  ['65', 'Hautes-Pyrénées', 'des Hautes-Pyrénées', OCC, 'Tarbes'],
  ['66', 'Pyrénées-Orientales', 'des Pyrénées-Orientales', OCC, 'Perpignan'],
  ['67', 'Bas-Rhin', 'du Bas-Rhin', GE, 'Strasbourg'],
  ['68', 'Haut-Rhin', 'du Haut-Rhin', GE, 'Colmar'],
  ['69', 'Rhône', 'du Rhône', ARA, 'Lyon'],
  ['70', 'Haute-Saône', 'de la Haute-Saône', BFC, 'Vesoul'],
  ['71', 'Saône-et-Loire', 'de Saône-et-Loire', BFC, 'Mâcon'],
  ['72', 'Sarthe', 'de la Sarthe', PDL, 'Le Mans'],
  ['73', 'Savoie', 'de la Savoie', ARA, 'Chambéry'],
  ['74', 'Haute-Savoie', 'de la Haute-Savoie', ARA, 'Annecy'],
  ['75', 'Paris', 'de Paris', IDF, 'Paris'],
  ['76', 'Seine-Maritime', 'de la Seine-Maritime', NOR, 'Rouen'],
  ['77', 'Seine-et-Marne', 'de Seine-et-Marne', IDF, 'Melun'],
  ['78', 'Yvelines', 'des Yvelines', IDF, 'Versailles'],
  ['79', 'Deux-Sèvres', 'des Deux-Sèvres', NA, 'Niort'],
  ['80', 'Somme', 'de la Somme', HDF, 'Amiens'],
  ['81', 'Tarn', 'du Tarn', OCC, 'Albi'],
  ['82', 'Tarn-et-Garonne', 'de Tarn-et-Garonne', OCC, 'Montauban'],
  ['83', 'Var', 'du Var', PACA, 'Toulon'],
  ['84', 'Vaucluse', 'de Vaucluse', PACA, 'Avignon'],
  ['85', 'Vendée', 'de la Vendée', PDL, 'La Roche-sur-Yon'],
  ['86', 'Vienne', 'de la Vienne', NA, 'Poitiers'],
  ['87', 'Haute-Vienne', 'de la Haute-Vienne', NA, 'Limoges'],
  ['88', 'Vosges', 'des Vosges', GE, 'Épinal'],
  ['89', 'Yonne', 'de l’Yonne', BFC, 'Auxerre'],
  ['90', 'Territoire de Belfort', 'du Territoire de Belfort', BFC, 'Belfort'],
  ['91', 'Essonne', 'de l’Essonne', IDF, 'Évry-Courcouronnes'],
  ['92', 'Hauts-de-Seine', 'des Hauts-de-Seine', IDF, 'Nanterre'],
  ['93', 'Seine-Saint-Denis', 'de la Seine-Saint-Denis', IDF, 'Bobigny'],
  ['94', 'Val-de-Marne', 'du Val-de-Marne', IDF, 'Créteil'],
  ['95', 'Val-d’Oise', 'du Val-d’Oise', IDF, 'Cergy'],
  ['971', 'Guadeloupe', 'de la Guadeloupe', 'Guadeloupe', 'Basse-Terre'],
  ['972', 'Martinique', 'de la Martinique', 'Martinique', 'Fort-de-France'],
  ['973', 'Guyane', 'de la Guyane', 'Guyane', 'Cayenne'],
  ['974', 'La Réunion', 'de La Réunion', 'La Réunion', ''],
  ['976', 'Mayotte', 'de Mayotte', 'Mayotte', 'Mamoudzou'],
];

export const DEPARTEMENTS: readonly Departement[] = ROWS.map(([code, name, of, region, city]) => ({ code, name, of, region, city }));

const BY_CODE = new Map(DEPARTEMENTS.map((d) => [d.code, d]));

/** A department by its code, "1" and "01", "2a" and "2A" alike. */
export function departementByCode(code: string): Departement | undefined {
  const c = code.toUpperCase();
  return BY_CODE.get(c) ?? BY_CODE.get(c.padStart(2, '0'));
}
