// The model file of the page's network: loaded with the first export (the library's Model reads raw
// rows, and brings the CSV parser: the page's first script does not carry it).

import { Model, modelToJson, type ModelJson, type Network } from '../../src/index.js';
import { modelMeta } from './model.js';
import type { PlayData } from './data.js';
import type { Settings } from './settings.js';

/** The JSON document of the network with what the page knows of it (settings, data, epoch, losses). */
export function modelFileJson(net: Network, settings: Settings, data: PlayData, epoch: number, losses: { train?: number; test?: number }): ModelJson {
  return modelToJson(new Model(net, modelMeta(settings, data, epoch, losses)));
}
