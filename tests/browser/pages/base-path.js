// The portal hosts the element's worker files in another folder than the module.
import { setBasePath } from '/static/plan-map/plan-map.js';

setBasePath('/elsewhere/');
