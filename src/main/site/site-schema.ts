/**
 * The site file schema lives in src/shared (the renderer validates its site form with it);
 * re-exported here so main's site code keeps importing it from beside the loader.
 */
export {
  siteFileSchema,
  type SiteBms,
  type SiteFile,
  type SiteModbusDevice,
  type SiteSerial,
} from '../../shared/site-schema';
