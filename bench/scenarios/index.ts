import type { Scenario } from "../cli";
import type { Result } from "../result";
import { connections } from "./connections";
import { fanout } from "./fanout";
import { heavy } from "./heavy";
import { history } from "./history";
import { page } from "./page";
import { rooms } from "./rooms";
import { saturation } from "./saturation";
import { search } from "./search";
import { storage } from "./storage";

export const runners: Record<Scenario, () => Promise<Result>> = { fanout, rooms, connections, saturation, storage, history, search, page, heavy };
