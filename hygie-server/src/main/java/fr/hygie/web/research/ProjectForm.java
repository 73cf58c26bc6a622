package fr.hygie.web.research;

import fr.hygie.research.NewProject;
import fr.hygie.research.RequestedVariable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The submission form as posted: five rows of requested data (pages work without JavaScript). */
public class ProjectForm {

    static final int ROWS = 5;

    private String titre = "";
    private String resume = "";
    private String finalite = "";
    private String baseLegale = "";
    private String organisme = "";
    private String typeOrganisme = "";
    private String lieu = "";
    private String equipe = "";
    private String population = "";
    private String duree = "";
    private String financement = "";
    private String benefice = "";
    private List<String> categorie = new ArrayList<>();
    private List<String> variable = new ArrayList<>();
    private List<String> justification = new ArrayList<>();
    private Set<String> usages = new HashSet<>();

    NewProject toNewProject() {
        List<RequestedVariable> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(new RequestedVariable(at(categorie, i), at(variable, i), at(justification, i)));
        }
        return new NewProject(titre, resume, finalite, baseLegale, organisme, typeOrganisme, lieu, equipe, population, duree,
                financement, benefice, rows, usages);
    }

    /** The value of row {@code i} of a column, for re-display. */
    public String row(List<String> column, int i) {
        return at(column, i);
    }

    private static String at(List<String> list, int i) {
        return list != null && i < list.size() && list.get(i) != null ? list.get(i) : "";
    }

    public String getTitre() { return titre; }
    public void setTitre(String v) { titre = v; }
    public String getResume() { return resume; }
    public void setResume(String v) { resume = v; }
    public String getFinalite() { return finalite; }
    public void setFinalite(String v) { finalite = v; }
    public String getBaseLegale() { return baseLegale; }
    public void setBaseLegale(String v) { baseLegale = v; }
    public String getOrganisme() { return organisme; }
    public void setOrganisme(String v) { organisme = v; }
    public String getTypeOrganisme() { return typeOrganisme; }
    public void setTypeOrganisme(String v) { typeOrganisme = v; }
    public String getLieu() { return lieu; }
    public void setLieu(String v) { lieu = v; }
    public String getEquipe() { return equipe; }
    public void setEquipe(String v) { equipe = v; }
    public String getPopulation() { return population; }
    public void setPopulation(String v) { population = v; }
    public String getDuree() { return duree; }
    public void setDuree(String v) { duree = v; }
    public String getFinancement() { return financement; }
    public void setFinancement(String v) { financement = v; }
    public String getBenefice() { return benefice; }
    public void setBenefice(String v) { benefice = v; }
    public List<String> getCategorie() { return categorie; }
    public void setCategorie(List<String> v) { categorie = v; }
    public List<String> getVariable() { return variable; }
    public void setVariable(List<String> v) { variable = v; }
    public List<String> getJustification() { return justification; }
    public void setJustification(List<String> v) { justification = v; }
    public Set<String> getUsages() { return usages; }
    public void setUsages(Set<String> v) { usages = v; }
}
