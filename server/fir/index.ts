export { listFirs } from './list-firs';
export { createFir } from './create-fir';
export { ZCreateFirInput, ZListFirsInput, type TCreateFirInput, type TListFirsInput, type TFirSummary } from './schemas';
