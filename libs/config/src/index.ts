export { AppConfig, ConfigError, loadConfig, type ClockMode, type ProcessRole } from './app-config';
export { APP_CONFIG } from './config.tokens';
