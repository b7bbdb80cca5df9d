/**
 * The `bms.transport` schemas live in src/shared (the renderer's site form uses them too);
 * re-exported here so the transports keep importing them from beside themselves.
 */
export {
  canTransportSpecSchema,
  memoryTransportSpecSchema,
  replayTransportSpecSchema,
  slcanTransportSpecSchema,
  socketcandTransportSpecSchema,
  socketcanTransportSpecSchema,
  type CanTransportSpec,
} from '../../../shared/can-transport-spec';
