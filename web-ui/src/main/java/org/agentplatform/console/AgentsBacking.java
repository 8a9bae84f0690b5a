package org.agentplatform.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.agentplatform.kernel.Page;
import org.agentplatform.runtime.boundary.AgentRequest;
import org.agentplatform.runtime.boundary.AgentView;
import org.agentplatform.runtime.boundary.Agents;
import org.agentplatform.runtime.entity.AgentType;

/** console/agents.xhtml: lists agents newest first, page by page, and creates new ones. */
@Named
@ViewScoped
public class AgentsBacking implements Serializable {
    private static final long serialVersionUID = 1L;

    @Inject
    Agents agents;

    private final List<AgentView> rows = new ArrayList<>();
    private String nextCursor;
    private String name;
    private String agentType = "reasoning";

    public void load() {
        if (rows.isEmpty()) {
            more();
        }
    }

    public void more() {
        Page<AgentView> page = agents.listNewestFirst(Page.MAX_LIMIT, nextCursor);
        rows.addAll(page.items());
        nextCursor = page.nextCursor();
    }

    public void create() {
        AgentView created = ConsoleActions.run(() -> agents.create(new AgentRequest(name, agentType)), null, "E2001");
        if (created != null) {
            rows.add(0, created);
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Agent created", created.did()));
            name = null;
        }
    }

    public List<AgentView> getRows() {
        return rows;
    }

    public boolean isMoreAvailable() {
        return nextCursor != null;
    }

    public List<String> getAgentTypes() {
        return java.util.Arrays.stream(AgentType.values()).map(AgentType::wireName).toList();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAgentType() {
        return agentType;
    }

    public void setAgentType(String agentType) {
        this.agentType = agentType;
    }
}
