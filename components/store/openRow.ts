import { indexOfRow } from "@/lib/view/navigation";
import { setView } from "./actions";
import { useStudio } from "./studioStore";

/** Steps to a row (file id, line) from a list elsewhere on the page: clears the filters first if it is not in view. */
export async function openRow(fileId: number, line: number): Promise<void> {
  let { keys } = useStudio.getState();
  if (indexOfRow(keys, fileId, line) < 0) {
    await setView({ ...useStudio.getState().view, filters: [] });
    keys = useStudio.getState().keys;
  }
  const i = indexOfRow(keys, fileId, line);
  if (i >= 0) useStudio.setState({ cursor: i });
}
