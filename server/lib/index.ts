export { remember, forget } from './remember';
export { AppError, ERROR_CODES, publicMessage, type AppErrorCode } from './app-error';
